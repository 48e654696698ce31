-- Grain: one row per reporting date, source system, channel, team and priority. FCR, replies and
-- activities per resolution count solved contacts on their final solve date; the reopen
-- rate counts contacts on their first solve date; the effectivity rating counts agent
-- replies on the date they were sent.
{%- set grain = ['date_day', 'source_system', 'channel', 'team_id', 'priority'] %}
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

events as (

    select * from {{ ref('fct_contact_events') }}

),

resolved as (

    select
        final_solved_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as resolved_contact_count,
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
        count(*) as solved_at_least_once_count,
        sum(case when was_reopened then 1 else 0 end) as reopened_contact_count
    from contacts
    where was_ever_solved
    group by 1, 2, 3, 4, 5

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

    {{ grain_spine(['resolved', 'first_solved', 'replies'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.source_system,
        spine.channel,
        spine.team_id,
        spine.priority,
        coalesce(resolved.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(resolved.fcr_contact_count, 0) as fcr_contact_count,
        coalesce(resolved.fcr_eligible_contact_count, 0) as fcr_eligible_contact_count,
        {{ ratio('resolved.fcr_contact_count', 'resolved.fcr_eligible_contact_count') }} as fcr_rate,
        coalesce(resolved.resolved_agent_reply_count, 0) as resolved_agent_reply_count,
        {{ ratio('resolved.resolved_agent_reply_count', 'resolved.resolved_contact_count') }}
            as replies_per_resolution,
        coalesce(resolved.resolved_service_activity_count, 0) as resolved_service_activity_count,
        {{ ratio('resolved.resolved_service_activity_count', 'resolved.resolved_contact_count') }}
            as activities_per_resolution,
        coalesce(first_solved.solved_at_least_once_count, 0) as solved_at_least_once_count,
        coalesce(first_solved.reopened_contact_count, 0) as reopened_contact_count,
        {{ ratio('first_solved.reopened_contact_count', 'first_solved.solved_at_least_once_count') }} as reopen_rate,
        coalesce(replies.agent_reply_count, 0) as agent_reply_count,
        coalesce(replies.effective_reply_count, 0) as effective_reply_count,
        {{ ratio('replies.effective_reply_count', 'replies.agent_reply_count') }} as effectivity_rating
    from spine
    left join resolved on {{ same_grain('spine', 'resolved', grain) }}
    left join first_solved on {{ same_grain('spine', 'first_solved', grain) }}
    left join replies on {{ same_grain('spine', 'replies', grain) }}

)

{{ select_contract_columns('final') }}
