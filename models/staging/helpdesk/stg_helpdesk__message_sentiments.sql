with

source as (

    select * from {{ source('helpdesk', 'message_sentiments') }}

),

renamed as (

    select
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast({{ scoped_id('message_id') }} as {{ dbt.type_string() }}) as message_id,
        cast(language_code as {{ dbt.type_string() }}) as language_code,
        cast(is_scored as {{ dbt.type_boolean() }}) as is_scored,
        cast(sentiment_score as {{ type_double() }}) as sentiment_score,
        cast(scorer as {{ dbt.type_string() }}) as scorer,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
