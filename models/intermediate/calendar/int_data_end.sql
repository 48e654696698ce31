-- The data end ("as of", one row): the latest recorded instant of any dated source
-- (int_source_time_bounds), or var as_of when set.
with

latest as (

    select max(recorded_latest_at) as latest_at from {{ ref('int_source_time_bounds') }}

),

final as (

    select
        {% if var('as_of', '') -%}
            cast('{{ var("as_of") }}' as {{ dbt.type_timestamp() }})
        {%- else -%}
            latest_at
        {%- endif %} as data_end_at
    from latest

)

select * from final
