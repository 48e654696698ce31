-- A business duration is never negative and never longer than the calendar duration.
select
    contact_id, first_response_calendar_minutes, first_response_business_minutes,
    resolution_calendar_minutes, resolution_business_minutes
from {{ ref('fct_contacts') }}
where
    first_response_business_minutes < 0
    or first_response_business_minutes > first_response_calendar_minutes + 0.001
    or resolution_business_minutes < 0
    or resolution_business_minutes > resolution_calendar_minutes + 0.001
