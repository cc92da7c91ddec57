"""The measures as an XLSX workbook and an edited workbook back into YAML."""
