-- Grain: one row per order, attributed to the last human-handled contact of the same
-- customer created at most N days (var attribution_window_days) before the order.
with

orders as (

    select * from {{ ref('stg_helpdesk__orders') }}

),

human_contacts as (

    select
        contact_id,
        customer_id,
        created_at,
        coalesce(last_reply_agent_id, current_assignee_agent_id) as agent_id,
        team_id,
        channel
    from {{ ref('fct_contacts') }}
    where is_human_handled and customer_id is not null

),

candidates as (

    select
        orders.order_id,
        human_contacts.contact_id,
        human_contacts.agent_id,
        human_contacts.team_id,
        human_contacts.channel,
        row_number() over (
            partition by orders.order_id
            order by human_contacts.created_at desc, human_contacts.contact_id desc
        ) as recency_rank
    from orders
    inner join human_contacts
        on
            orders.customer_id = human_contacts.customer_id
            and orders.ordered_at >= human_contacts.created_at
            and orders.ordered_at
            <= {{ dbt.dateadd('day', var('attribution_window_days'), 'human_contacts.created_at') }}

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.ordered_at,
        {{ reporting_date('orders.ordered_at') }} as ordered_date,
        orders.amount_usd,
        orders.is_upsell,
        candidates.contact_id as attributed_contact_id,
        candidates.agent_id as attributed_agent_id,
        candidates.team_id as attributed_team_id,
        candidates.channel as attributed_channel
    from orders
    left join candidates on orders.order_id = candidates.order_id and candidates.recency_rank = 1

)

select * from final
