with

source as (

    select * from {{ source('helpdesk', 'teams') }}

),

renamed as (

    select
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast(team_name as {{ dbt.type_string() }}) as team_name,
        coalesce(cast(schedule_id as {{ dbt.type_string() }}), '{{ var("default_schedule_id") }}') as schedule_id,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
