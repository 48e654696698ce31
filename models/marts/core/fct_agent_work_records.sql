-- Grain: one row per agent work record (a session of talk/chat, hold and wrap-up on one contact).
with

work_records as (

    select * from {{ ref('stg_helpdesk__agent_work_records') }}

),

final as (

    select
        work_record_id,
        agent_id,
        case when ticket_id is not null then 'ticket:' || ticket_id else 'chat:' || conversation_id end as contact_id,
        started_at,
        {{ reporting_date('started_at') }} as started_date,
        talk_seconds,
        hold_seconds,
        wrap_up_seconds,
        talk_seconds + hold_seconds + wrap_up_seconds as handle_seconds
    from work_records

)

select * from final
