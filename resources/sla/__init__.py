"""Default deadline policies (default_policies.json); a site may supply its own file."""
