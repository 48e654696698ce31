-- Grain: one row per reporting date, source system, channel, team and priority. The
-- solved-contact aggregates the speed and effectiveness marts share, each family on the date
-- of its own event: contacts finally solved (resolutions, FCR, replies and activities per
-- resolution) on the final solve date; contacts solved at least once (time to first solve,
-- reopens) on the first solve date. A measure is null where its family has no contact.
{%- set grain = ['date_day', 'source_system', 'channel', 'team_id', 'priority'] %}
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

resolved as (

    select
        final_solved_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as resolved_contact_count,
        sum(resolution_calendar_minutes) / 60.0 as resolution_calendar_hours_sum,
        sum(resolution_business_minutes) / 60.0 as resolution_business_hours_sum,
        sum(case when is_fcr_eligible then 1 else 0 end) as fcr_eligible_contact_count,
        sum(case when is_first_contact_resolution then 1 else 0 end) as fcr_contact_count,
        sum(agent_reply_count) as resolved_agent_reply_count,
        sum(service_activity_count) as resolved_service_activity_count
    from contacts
    where is_solved
    group by 1, 2, 3, 4, 5

),

first_solved as (

    select
        first_solved_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as first_solved_contact_count,
        sum(first_resolution_calendar_minutes) / 60.0 as first_resolution_calendar_hours_sum,
        sum(first_resolution_business_minutes) / 60.0 as first_resolution_business_hours_sum,
        sum(case when was_reopened then 1 else 0 end) as reopened_contact_count
    from contacts
    where was_ever_solved
    group by 1, 2, 3, 4, 5

),

spine as (

    {{ grain_spine(['resolved', 'first_solved'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.source_system,
        spine.channel,
        spine.team_id,
        spine.priority,
        resolved.resolved_contact_count,
        resolved.resolution_calendar_hours_sum,
        resolved.resolution_business_hours_sum,
        resolved.fcr_eligible_contact_count,
        resolved.fcr_contact_count,
        resolved.resolved_agent_reply_count,
        resolved.resolved_service_activity_count,
        first_solved.first_solved_contact_count,
        first_solved.first_resolution_calendar_hours_sum,
        first_solved.first_resolution_business_hours_sum,
        first_solved.reopened_contact_count
    from spine
    left join resolved on {{ same_grain('spine', 'resolved', grain) }}
    left join first_solved on {{ same_grain('spine', 'first_solved', grain) }}

)

select * from final
