with

source as (

    select * from {{ source('helpdesk', 'cost_lines') }}

),

channel_mapping as (

    select * from {{ ref('channel_mapping') }}

),

renamed as (

    select
        cast({{ scoped_id('cost_line_id') }} as {{ dbt.type_string() }}) as cost_line_id,
        cast(incurred_on as date) as incurred_on,
        cast(cost_category as {{ dbt.type_string() }}) as cost_category,
        cast(channel as {{ dbt.type_string() }}) as source_channel,
        cast(amount_usd as {{ dbt.type_numeric() }}) as amount_usd,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

),

mapped as (

    -- The loader accepts only channels listed in the seed, so every row finds its channel.
    select
        renamed.*,
        cast(channel_mapping.channel as {{ dbt.type_string() }}) as channel
    from renamed
    left join channel_mapping on renamed.source_channel = channel_mapping.source_channel

)

select * from mapped
