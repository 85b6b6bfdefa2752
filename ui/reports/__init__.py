"""The monthly service-quality report: PDF, spreadsheet and CSV."""
