{#- The rows of `relation` with their canonical channel: the source's word (column
    source_channel) looked up in seed channel_mapping. The loader accepts only words listed
    there, so every row with a source channel finds one; a row without one keeps a null. -#}
{% macro select_with_mapped_channel(relation) -%}
    select
        {{ relation }}.*,
        cast(channel_mapping.channel as {{ dbt.type_string() }}) as channel
    from {{ relation }}
    left join {{ ref('channel_mapping') }} as channel_mapping
        on {{ relation }}.source_channel = channel_mapping.source_channel
{%- endmacro %}
