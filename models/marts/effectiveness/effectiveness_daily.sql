-- Grain: one row per reporting date, source system, channel, team and priority. FCR, replies and
-- activities per resolution count solved contacts on their final solve date; the reopen
-- rate counts contacts on their first solve date; the effectivity rating counts agent
-- replies on the date they were sent. The solved-contact aggregates come from
-- int_contacts_solved_daily, shared with speed_daily.
{%- set grain = ['date_day', 'source_system', 'channel', 'team_id', 'priority'] %}
with

events as (

    select * from {{ ref('fct_contact_events') }}

),

solved as (

    select * from {{ ref('int_contacts_solved_daily') }}

),

replies as (

    select
        event_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as agent_reply_count,
        sum(case when is_effective_reply then 1 else 0 end) as effective_reply_count
    from events
    where is_agent_reply
    group by 1, 2, 3, 4, 5

),

spine as (

    {{ grain_spine(['solved', 'replies'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.source_system,
        spine.channel,
        spine.team_id,
        spine.priority,
        coalesce(solved.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(solved.fcr_contact_count, 0) as fcr_contact_count,
        coalesce(solved.fcr_eligible_contact_count, 0) as fcr_eligible_contact_count,
        {{ ratio('solved.fcr_contact_count', 'solved.fcr_eligible_contact_count') }} as fcr_rate,
        coalesce(solved.resolved_agent_reply_count, 0) as resolved_agent_reply_count,
        {{ ratio('solved.resolved_agent_reply_count', 'solved.resolved_contact_count') }}
            as replies_per_resolution,
        coalesce(solved.resolved_service_activity_count, 0) as resolved_service_activity_count,
        {{ ratio('solved.resolved_service_activity_count', 'solved.resolved_contact_count') }}
            as activities_per_resolution,
        coalesce(solved.first_solved_contact_count, 0) as solved_at_least_once_count,
        coalesce(solved.reopened_contact_count, 0) as reopened_contact_count,
        {{ ratio('solved.reopened_contact_count', 'solved.first_solved_contact_count') }} as reopen_rate,
        coalesce(replies.agent_reply_count, 0) as agent_reply_count,
        coalesce(replies.effective_reply_count, 0) as effective_reply_count,
        {{ ratio('replies.effective_reply_count', 'replies.agent_reply_count') }} as effectivity_rating
    from spine
    left join solved on {{ same_grain('spine', 'solved', grain) }}
    left join replies on {{ same_grain('spine', 'replies', grain) }}

)

{{ select_contract_columns('final') }}
