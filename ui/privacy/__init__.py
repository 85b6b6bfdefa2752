"""Personal-information law documents the app and branchdesk-admin write with Qt."""
