{#- Generic data tests written here because the dbt package hub is out of reach. -#}

{#- The combination of columns is unique. -#}
{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{#- Every non-null value lies within [min_value, max_value] (either bound optional). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, where=none) %}
    select *
    from {{ model }}
    where {{ column_name }} is not null
        and (
            false
            {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
            {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
        )
{% endtest %}

{#- A boolean SQL expression holds on every row. -#}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endtest %}

{#- `column_name` never exceeds `other_column` (numerators vs denominators). -#}
{% test not_greater_than(model, column_name, other_column) %}
    select *
    from {{ model }}
    where {{ column_name }} > {{ other_column }}
{% endtest %}
