"""The customer-info feature: search, result list, detail panel, register/edit and reveal dialogs."""
