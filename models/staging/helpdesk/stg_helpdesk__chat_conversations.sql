with

source as (

    select * from {{ source('helpdesk', 'chat_conversations') }}

),

renamed as (

    select
        cast({{ scoped_id('conversation_id') }} as {{ dbt.type_string() }}) as conversation_id,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast(visitor_id as {{ dbt.type_string() }}) as visitor_id,
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast(reason as {{ dbt.type_string() }}) as reason,
        coalesce(cast(priority as {{ dbt.type_string() }}), 'normal') as priority,
        cast(tags as {{ dbt.type_string() }}) as tags,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(started_by as {{ dbt.type_string() }}) as started_by,
        cast(handed_over_at as {{ dbt.type_timestamp() }}) as handed_over_at,
        cast(ended_at as {{ dbt.type_timestamp() }}) as ended_at,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
