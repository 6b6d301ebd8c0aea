"""Ports for the servers the tests start: under pytest-xdist, two workers never draw the same one."""

from runtime import launch


def test_each_worker_draws_ports_from_its_own_range_below_the_kernels_ephemeral_ports(monkeypatch):
    drawn = {}
    for worker in ("gw0", "gw1", "gw2"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        drawn[worker] = [launch.free_port() for _ in range(50)]
    for number, (worker, ports) in enumerate(drawn.items()):
        first = launch.FIRST_WORKER_PORT + number * launch.WORKER_PORTS
        assert all(first <= port < first + launch.WORKER_PORTS for port in ports), (worker, ports)
        assert len(set(ports)) == len(ports), f"{worker} was given a port twice"
    assert max(max(ports) for ports in drawn.values()) < 32768  # Linux's first ephemeral port
