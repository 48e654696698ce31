-- The stage times of a solved contact add up to its time to resolution, on both clocks.
with

stages as (

    select
        contact_id,
        sum(stage_calendar_minutes) as stage_calendar_minutes,
        sum(stage_business_minutes) as stage_business_minutes
    from {{ ref('fct_contact_stage_intervals') }}
    group by contact_id

),

solved as (

    select contact_id, resolution_calendar_minutes, resolution_business_minutes
    from {{ ref('fct_contacts') }}
    where is_solved

)

select
    solved.contact_id,
    solved.resolution_calendar_minutes,
    stages.stage_calendar_minutes,
    solved.resolution_business_minutes,
    stages.stage_business_minutes
from solved
left join stages on solved.contact_id = stages.contact_id
where
    abs(coalesce(stages.stage_calendar_minutes, 0) - solved.resolution_calendar_minutes) > 0.001
    or abs(coalesce(stages.stage_business_minutes, 0) - solved.resolution_business_minutes) > 0.001
