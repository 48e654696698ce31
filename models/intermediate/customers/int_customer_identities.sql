-- Grain: one row per customer id of every source (loaded files, Zendesk end users, Intercom
-- contacts), with the customer it resolves to: the one seed customer_identity_map names for
-- it (the same person known to another system), else itself. Every model that attributes
-- something to a customer resolves its id here.
with

customers as (

    {{ staged('customers') }}

),

identity_map as (

    select * from {{ ref('customer_identity_map') }}

),

final as (

    select
        customers.customer_id,
        coalesce(cast(identity_map.customer_id as {{ dbt.type_string() }}), customers.customer_id)
            as resolved_customer_id,
        identity_map.customer_id is not null as is_merged
    from customers
    left join identity_map on customers.customer_id = identity_map.source_customer_id

)

select * from final
