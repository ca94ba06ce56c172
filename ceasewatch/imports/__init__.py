"""External datasets: read a user's ACLED or UCDP GED download, and compare it with ceasewatch.

    ceasewatch import acled acled_afpak_2025.csv
    ceasewatch compare acled --from 2025-10-01 --to 2025-11-30 --country AF

Imported events are stored apart (``external_events``): they never join fusion, so a
comparison measures what ceasewatch found on its own.
"""
