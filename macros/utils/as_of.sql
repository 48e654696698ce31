{#- The data end: var as_of when set, else the latest event in the data (int_data_end). -#}
{% macro as_of_timestamp() -%}
    {%- if var('as_of', '') -%}
        cast('{{ var("as_of") }}' as {{ dbt.type_timestamp() }})
    {%- else -%}
        (select data_end_at from {{ ref('int_data_end') }})
    {%- endif -%}
{%- endmacro %}

{#- Safe division: null when the denominator is 0 or null. -#}
{% macro ratio(numerator, denominator) -%}
    (cast({{ numerator }} as {{ dbt.type_numeric() }}) / nullif({{ denominator }}, 0))
{%- endmacro %}
