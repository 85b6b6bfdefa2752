"""Official holiday data (holidays.json) that IT can update between releases."""
