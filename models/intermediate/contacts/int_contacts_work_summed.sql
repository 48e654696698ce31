-- One row per contact with agent work records: talk, hold and wrap-up seconds summed.
with

work_records as (

    select * from {{ ref('stg_helpdesk__agent_work_records') }}

),

final as (

    select
        case
            when ticket_id is not null then 'ticket:' || ticket_id
            else 'chat:' || conversation_id
        end as contact_id,
        count(*) as work_record_count,
        count(distinct agent_id) as working_agent_count,
        sum(talk_seconds) as talk_seconds,
        sum(hold_seconds) as hold_seconds,
        sum(wrap_up_seconds) as wrap_up_seconds,
        sum(talk_seconds + hold_seconds + wrap_up_seconds) as handle_seconds
    from work_records
    where ticket_id is not null or conversation_id is not null
    group by 1

)

select * from final
