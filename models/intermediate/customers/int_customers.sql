-- Grain: one row per customer after identity resolution: the customers of every source but
-- those seed customer_identity_map merges into another one (their contacts and answers count
-- under that customer, int_customer_identities).
with

customers as (

    {{ staged('customers') }}

),

identities as (

    select * from {{ ref('int_customer_identities') }}

),

final as (

    select customers.*
    from customers
    inner join identities on customers.customer_id = identities.customer_id
    where not identities.is_merged

)

select * from final
