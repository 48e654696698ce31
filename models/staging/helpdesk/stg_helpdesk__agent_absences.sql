with

source as (

    select * from {{ source('helpdesk', 'agent_absences') }}

),

renamed as (

    select
        cast({{ scoped_id('absence_id') }} as {{ dbt.type_string() }}) as absence_id,
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast(starts_at as {{ dbt.type_timestamp() }}) as starts_at,
        cast(ends_at as {{ dbt.type_timestamp() }}) as ends_at,
        cast(absence_type as {{ dbt.type_string() }}) as absence_type,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
