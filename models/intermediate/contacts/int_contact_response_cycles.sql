-- One row per customer message that awaits an answer: consecutive customer messages
-- before an agent reply form one cycle, timed from the first of them to the next agent
-- reply on the same contact (null while unanswered at the data end). Incremental: the
-- contacts loaded since the last build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select * from {{ ref('int_contact_events_sequenced') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

numbered as (

    select
        contact_id,
        event_sequence,
        event_at,
        agent_id,
        is_agent_reply,
        is_customer_message,
        contact_loaded_at,
        sum(case when is_agent_reply then 1 else 0 end) over (
            partition by contact_id order by event_sequence rows between unbounded preceding and current row
        ) as agent_replies_so_far
    from events
    where is_agent_reply or is_customer_message

),

cycles as (

    select
        contact_id,
        agent_replies_so_far as cycle_number,
        min(event_at) as awaiting_since_at,
        count(*) as customer_message_count,
        max(contact_loaded_at) as contact_loaded_at
    from numbered
    where is_customer_message
    group by contact_id, agent_replies_so_far

),

replies as (

    select contact_id, agent_replies_so_far as reply_number, event_at as replied_at, agent_id
    from numbered
    where is_agent_reply

),

final as (

    select
        cycles.contact_id || ':' || cast(cycles.cycle_number as {{ dbt.type_string() }}) as response_cycle_id,
        cycles.contact_id,
        cycles.cycle_number,
        cycles.awaiting_since_at,
        cycles.customer_message_count,
        replies.replied_at,
        replies.agent_id as replying_agent_id,
        cycles.contact_loaded_at
    from cycles
    left join replies
        on cycles.contact_id = replies.contact_id and replies.reply_number = cycles.cycle_number + 1

)

select * from final
