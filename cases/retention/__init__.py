"""The file's lifetime: how long a closed trajectory is kept (the selectielijst), the
destruction list the team lead approves, and the figures that survive it."""
