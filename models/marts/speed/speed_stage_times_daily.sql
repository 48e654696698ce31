-- Grain: one row per final-solve date, source system, channel, team, priority and stage: the time solved
-- contacts spent in each stage. Per contact the stages add up to its time to resolution.
with

contacts as (

    select contact_id, final_solved_date, source_system, channel, team_id, priority
    from {{ ref('fct_contacts') }}
    where is_solved

),

intervals as (

    select * from {{ ref('fct_contact_stage_intervals') }}

),

final as (

    select
        contacts.final_solved_date as date_day,
        contacts.source_system,
        contacts.channel,
        {{ reporting_team('contacts.team_id') }} as team_id,
        contacts.priority,
        intervals.stage,
        count(distinct contacts.contact_id) as contact_count,
        sum(intervals.stage_calendar_minutes) / 60.0 as stage_calendar_hours_sum,
        sum(intervals.stage_business_minutes) / 60.0 as stage_business_hours_sum
    from contacts
    inner join intervals on contacts.contact_id = intervals.contact_id
    group by 1, 2, 3, 4, 5, 6

)

{{ select_contract_columns('final') }}
