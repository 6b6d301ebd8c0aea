"""Income simulations of a micro-entreprise from the dated rates of the knowledge store."""
