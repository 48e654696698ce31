-- Intercom users (identified contacts) in the shape of stg_helpdesk__customers; leads are
-- anonymous visitors and no customer.
with

contacts as (

    select * from {{ ref('base_intercom__contacts') }}
    where role = 'user'

),

renamed as (

    select
        {{ connector_id('intercom', 'id') }} as customer_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(null as {{ dbt.type_string() }}) as country,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from contacts

)

select * from renamed
