-- 0004: indexes for the event list (issue 6). Lists are ordered undated-last, then by date and
-- id; each index below leads with an optional equality filter, then that order, so a page of
-- 50 reads about 50 index entries instead of sorting every matching event, and a date-bounded
-- count reads one index range. `event_end` rides at the end so the "still going on at `from`"
-- test, coalesce(event_end, event_date) >= from, is answered from the index alone.
CREATE INDEX events_list_order ON events((event_date IS NULL), event_date, id, event_end);
CREATE INDEX events_type_list_order ON events(event_type, (event_date IS NULL), event_date, id,
                                              event_end);
CREATE INDEX events_country_list_order ON events(country, (event_date IS NULL), event_date, id,
                                                 event_end);

-- the few events that span days: the earliest start among those still going on at `from`
-- bounds how far before `from` a list has to look.
CREATE INDEX events_span_end ON events(event_end, event_date) WHERE event_end IS NOT NULL;
