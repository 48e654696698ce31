-- Grain: one row per month: contacts per customer who contacted support, and per active
-- customer (active as defined in fct_customer_activity_months).
with

contacts as (

    select
        customer_id,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start_date
    from {{ ref('fct_contacts') }}
    where customer_id is not null

),

activity as (

    select month_start_date, count(*) as active_customer_count
    from {{ ref('fct_customer_activity_months') }}
    where is_active_in_period
    group by month_start_date

),

contacted as (

    select
        month_start_date,
        count(*) as customer_contact_count,
        count(distinct customer_id) as contacting_customer_count
    from contacts
    group by month_start_date

),

final as (

    select
        contacted.month_start_date,
        contacted.customer_contact_count,
        contacted.contacting_customer_count,
        {{ ratio('contacted.customer_contact_count', 'contacted.contacting_customer_count') }}
            as contacts_per_contacting_customer,
        coalesce(activity.active_customer_count, 0) as active_customer_count,
        {{ ratio('contacted.customer_contact_count', 'activity.active_customer_count') }}
            as contacts_per_active_customer
    from contacted
    left join activity on contacted.month_start_date = activity.month_start_date

)

{{ select_contract_columns('final') }}
