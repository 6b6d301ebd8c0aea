"""The in-chat erasure action's name: run by the action server (actions/my_data.py), acted on by the tracker
store (storage/erasure.py), two processes that share no other module."""

FORGET_ACTION = "action_forget_me"  # the tracker store erases the conversation once this action is saved
