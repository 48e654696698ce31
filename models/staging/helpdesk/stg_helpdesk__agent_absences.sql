with

source as (

    select * from {{ source('helpdesk', 'agent_absences') }}

),

renamed as (

    select
        cast(absence_id as {{ dbt.type_string() }}) as absence_id,
        cast(agent_id as {{ dbt.type_string() }}) as agent_id,
        cast(starts_at as {{ dbt.type_timestamp() }}) as starts_at,
        cast(ends_at as {{ dbt.type_timestamp() }}) as ends_at,
        cast(absence_type as {{ dbt.type_string() }}) as absence_type,
        _loaded_at as loaded_at

    from source

)

select * from renamed
