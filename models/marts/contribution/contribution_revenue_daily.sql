-- Grain: one row per reporting date, team and agent: human-handled contacts created and
-- how many converted (contact date), orders attributed and their revenue (order date).
{%- set grain = ['date_day', 'team_id', 'agent_id'] %}
with

contacts as (

    select
        contact_id,
        created_date,
        {{ reporting_team('team_id') }} as team_id,
        coalesce(last_reply_agent_id, current_assignee_agent_id, 'unattributed') as agent_id
    from {{ ref('fct_contacts') }}
    where is_human_handled

),

orders as (

    select * from {{ ref('fct_orders') }}
    where attributed_contact_id is not null

),

converted as (

    select distinct attributed_contact_id as contact_id from orders

),

contacts_daily as (

    select
        contacts.created_date as date_day,
        contacts.team_id,
        contacts.agent_id,
        count(*) as human_handled_contact_count,
        sum(case when converted.contact_id is not null then 1 else 0 end) as converted_contact_count
    from contacts
    left join converted on contacts.contact_id = converted.contact_id
    group by 1, 2, 3

),

orders_daily as (

    select
        ordered_date as date_day,
        {{ reporting_team('attributed_team_id') }} as team_id,
        coalesce(attributed_agent_id, 'unattributed') as agent_id,
        count(*) as attributed_order_count,
        {{ to_double('sum(amount_usd)') }} as attributed_revenue_usd
    from orders
    group by 1, 2, 3

),

spine as (

    {{ grain_spine(['contacts_daily', 'orders_daily'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.team_id,
        spine.agent_id,
        coalesce(contacts_daily.human_handled_contact_count, 0) as human_handled_contact_count,
        coalesce(contacts_daily.converted_contact_count, 0) as converted_contact_count,
        {{ ratio('contacts_daily.converted_contact_count', 'contacts_daily.human_handled_contact_count') }}
            as conversion_rate,
        coalesce(orders_daily.attributed_order_count, 0) as attributed_order_count,
        coalesce(orders_daily.attributed_revenue_usd, 0) as attributed_revenue_usd,
        {{ ratio('orders_daily.attributed_revenue_usd', 'orders_daily.attributed_order_count') }}
            as attributed_average_order_value_usd
    from spine
    left join contacts_daily on {{ same_grain('spine', 'contacts_daily', grain) }}
    left join orders_daily on {{ same_grain('spine', 'orders_daily', grain) }}

)

{{ select_contract_columns('final') }}
