{#- The value of the latest row of a window frame that meets `condition` (null when there is
    none, or when that row's value is null): a carry-forward in one window pass. `window` names
    a window of the query (`window w as (...)`). Engines with IGNORE NULLS wrap the value in a
    struct, so a null value of a matching row still counts as that row's value. -#}
{% macro value_at_last(value, condition, window) -%}
    {{ return(adapter.dispatch('value_at_last', 'service_warehouse')(value, condition, window)) }}
{%- endmacro %}

{% macro default__value_at_last(value, condition, window) -%}
    (last_value(case when {{ condition }} then struct_pack(v := {{ value }}) end ignore nulls) over {{ window }}).v
{%- endmacro %}

{#- PostgreSQL has no IGNORE NULLS: the matching rows' values in order, the last one taken. -#}
{% macro postgres__value_at_last(value, condition, window) -%}
    (array_agg({{ value }}) filter (where {{ condition }}) over {{ window }})[
        count(*) filter (where {{ condition }}) over {{ window }}
    ]
{%- endmacro %}

{% macro spark__value_at_last(value, condition, window) -%}
    (last_value(case when {{ condition }} then named_struct('v', {{ value }}) end, true) over {{ window }}).v
{%- endmacro %}
