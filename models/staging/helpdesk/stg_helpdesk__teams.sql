with

source as (

    select * from {{ source('helpdesk', 'teams') }}

),

renamed as (

    select
        cast(team_id as {{ dbt.type_string() }}) as team_id,
        cast(team_name as {{ dbt.type_string() }}) as team_name,
        coalesce(cast(schedule_id as {{ dbt.type_string() }}), '{{ var("default_schedule_id") }}') as schedule_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
