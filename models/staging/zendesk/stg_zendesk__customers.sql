-- Zendesk end users (Fivetran `user`, role end-user) in the shape of stg_helpdesk__customers:
-- the organization is the account; Zendesk keeps no country.
with

users as (

    select * from {{ source('zendesk', 'user') }}
    where role = 'end-user'

),

renamed as (

    select
        {{ connector_id('zendesk', 'id') }} as customer_id,
        {{ connector_id('zendesk', 'organization_id') }} as account_id,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(null as {{ dbt.type_string() }}) as country,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from users

)

select * from renamed
