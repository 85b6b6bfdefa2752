"""Settings the staff member chooses in the app: language and colour scheme."""
