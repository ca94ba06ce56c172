-- 0004 (PostgreSQL): sqlite 0004_event_list.sql.
CREATE INDEX events_list_order ON events((event_date IS NULL), event_date, id, event_end);
CREATE INDEX events_type_list_order ON events(event_type, (event_date IS NULL), event_date, id,
                                              event_end);
CREATE INDEX events_country_list_order ON events(country, (event_date IS NULL), event_date, id,
                                                 event_end);
CREATE INDEX events_span_end ON events(event_end, event_date) WHERE event_end IS NOT NULL;
