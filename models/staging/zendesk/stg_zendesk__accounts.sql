-- Zendesk organizations (Fivetran `organization`) in the shape of stg_helpdesk__accounts.
-- Zendesk keeps no segment or account value (the marts report such accounts' segment as `none`).
with

organizations as (

    select * from {{ source('zendesk', 'organization') }}

),

renamed as (

    select
        {{ connector_id('zendesk', 'id') }} as account_id,
        cast(name as {{ dbt.type_string() }}) as account_name,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_numeric() }}) as account_value_usd,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from organizations

)

select * from renamed
