with

source as (

    select * from {{ source('helpdesk', 'self_service_sessions') }}

),

renamed as (

    select
        cast({{ scoped_id('session_id') }} as {{ dbt.type_string() }}) as session_id,
        cast(visitor_id as {{ dbt.type_string() }}) as visitor_id,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(ended_at as {{ dbt.type_timestamp() }}) as ended_at,
        cast(session_type as {{ dbt.type_string() }}) as session_type,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
