-- One row per agent reply: whether it was effective, that is the contact was solved after it
-- with no customer message in between, and not reopened within
-- var effective_reply_reopen_window_days of that solve. The look ahead runs on the few
-- columns it needs: over every column of the event chain it cost five times as much at 1M
-- tickets (the sort carries the whole row). Incremental: the contacts loaded since the last
-- build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select
        event_id,
        contact_id,
        event_sequence,
        event_at,
        is_agent_reply,
        is_customer_message,
        is_solve,
        is_reopen,
        contact_loaded_at
    from {{ ref('int_contact_events_sequenced') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

lookahead as (

    select
        event_id,
        contact_id,
        is_agent_reply,
        contact_loaded_at,
        min(case when is_solve then event_at end) over following_events as next_solve_at,
        min(case when is_customer_message then event_at end) over following_events as next_customer_message_at,
        min(case when is_reopen then event_at end) over following_events as next_reopen_at
    from events
    window following_events as (
        partition by contact_id order by event_sequence rows between 1 following and unbounded following
    )

),

final as (

    select
        event_id,
        contact_id,
        next_solve_at is not null
        and (next_customer_message_at is null or next_customer_message_at > next_solve_at)
        and (
            next_reopen_at is null
            or next_reopen_at > {{ dbt.dateadd('day', var('effective_reply_reopen_window_days'), 'next_solve_at') }}
        ) as is_effective_reply,
        contact_loaded_at
    from lookahead
    where is_agent_reply

)

select * from final
