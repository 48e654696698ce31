with

source as (

    select * from {{ source('helpdesk', 'page_views') }}

),

renamed as (

    select
        cast({{ scoped_id('page_view_id') }} as {{ dbt.type_string() }}) as page_view_id,
        cast(session_id as {{ dbt.type_string() }}) as session_id,
        cast(visitor_id as {{ dbt.type_string() }}) as visitor_id,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast(viewed_at as {{ dbt.type_timestamp() }}) as viewed_at,
        cast(page_path as {{ dbt.type_string() }}) as page_path,
        cast(is_support_page as {{ dbt.type_boolean() }}) as is_support_page,
        cast(chat_button_shown as {{ dbt.type_boolean() }}) as chat_button_shown,
        cast(chat_online as {{ dbt.type_boolean() }}) as chat_online,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
