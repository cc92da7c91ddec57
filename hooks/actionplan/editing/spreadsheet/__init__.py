"""The spreadsheet round trip: the measures as an XLSX workbook, and an edited workbook back into YAML.

Most of a plan starts life in a spreadsheet, and the editorial team are city staff. They export
the plan (`python -m actionplan export-xlsx`, export.py), edit it in Excel or LibreOffice and
import it (`python -m actionplan import-xlsx massnahmen.xlsx`, importer.py). columns.py says
which sheets and columns the workbook has, reading.py reads its cells, values.py turns cell
values into YAML values and back.
"""
