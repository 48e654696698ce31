-- Zendesk SLA targets, one row per ticket an SLA policy applies to: the policy's name and its
-- first reply time target as Zendesk recorded them on the ticket (`ticket_field_history`
-- fields `sla_policy` and `first_reply_time`, the latter JSON such as {"minutes": 60,
-- "in_business_hours": true}); the latest value stands. A ticket no policy matched has none,
-- nor does a deleted ticket.
with

tickets as (

    select ticket_id from {{ ref('stg_zendesk__tickets') }}

),

field_history as (

    select
        ticket_id,
        field_name,
        value,
        row_number() over (partition by ticket_id, field_name order by updated desc) as recency
    from {{ source('zendesk', 'ticket_field_history') }}
    where field_name in ('sla_policy', 'first_reply_time')

),

first_reply_targets as (

    -- The filter alone does not keep other fields' values (plain text) from the JSON parser:
    -- an engine may evaluate the select list first.
    select
        ticket_id,
        cast(
            case when field_name = 'first_reply_time' then {{ json_text('value', 'minutes') }} end as integer
        ) as first_response_target_minutes,
        case when field_name = 'first_reply_time' then {{ json_text('value', 'in_business_hours') }} end
            as in_business_hours
    from field_history
    where field_name = 'first_reply_time' and recency = 1 and value is not null

),

policies as (

    select
        ticket_id,
        value as policy_name
    from field_history
    where field_name = 'sla_policy' and recency = 1 and value is not null

),

targets as (

    select
        {{ connector_id('zendesk', 'first_reply_targets.ticket_id') }} as ticket_id,
        {{ connector_id('zendesk', "coalesce(policies.policy_name, 'unnamed')", kind='sla_policy') }} as sla_policy_id,
        cast(
            case when first_reply_targets.in_business_hours = 'true' then 'business' else 'calendar' end
            as {{ dbt.type_string() }}
        ) as sla_time_basis,
        first_reply_targets.first_response_target_minutes
    from first_reply_targets
    left join policies on first_reply_targets.ticket_id = policies.ticket_id

),

final as (

    select targets.*
    from targets
    inner join tickets on targets.ticket_id = tickets.ticket_id

)

select * from final
