-- Grain: one row per queue entry (a call or chat waiting for an agent), with its outcome, its
-- wait and the local hour of the team's schedule it entered the queue in.
with

entries as (

    select * from {{ ref('stg_helpdesk__queue_entries') }}

),

zones as (

    select * from {{ ref('int_team_time_zones') }}

),

timed as (

    select
        entries.*,
        zones.time_zone,
        case
            when entries.answered_at is not null
                then {{ epoch_seconds('entries.answered_at') }} - {{ epoch_seconds('entries.queued_at') }}
            when entries.abandoned_at is not null
                then {{ epoch_seconds('entries.abandoned_at') }} - {{ epoch_seconds('entries.queued_at') }}
        end as wait_seconds,
        case
            when entries.ivr_entered_at is not null
                then {{ epoch_seconds('entries.queued_at') }} - {{ epoch_seconds('entries.ivr_entered_at') }}
        end as ivr_seconds,
        {{ utc_to_local('entries.queued_at', 'zones.time_zone') }} as local_queued_at
    from entries
    inner join zones on entries.team_id = zones.team_id

),

final as (

    select
        queue_entry_id,
        channel,
        team_id,
        case
            when ticket_id is not null then 'ticket:' || ticket_id
            when conversation_id is not null then 'chat:' || conversation_id
        end as contact_id,
        answered_by_agent_id,
        ivr_entered_at,
        queued_at,
        answered_at,
        abandoned_at,
        {{ reporting_date('queued_at') }} as queued_date,
        cast(local_queued_at as date) as local_queued_date,
        cast(extract(hour from local_queued_at) as integer) as local_queued_hour,
        time_zone as team_time_zone,
        case
            when answered_at is not null then 'answered'
            when abandoned_at is not null and wait_seconds <= {{ var('short_abandon_threshold_seconds') }}
                then 'short_abandon'
            when abandoned_at is not null then 'abandoned'
            else 'waiting'
        end as outcome,
        cast(wait_seconds as {{ type_double() }}) as wait_seconds,
        cast(ivr_seconds as {{ type_double() }}) as ivr_seconds,
        coalesce(answered_at is not null and wait_seconds <= {{ var('service_level_threshold_seconds') }}, false)
            as is_answered_within_threshold
    from timed

)

{{ select_contract_columns('final') }}
