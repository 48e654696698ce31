{#- The integers 0 .. 10^digits - 1 as a subquery with column `n`, in portable SQL
    (cross joins of ten digits), for calendar spines. -#}
{% macro numbers(digits=5) -%}
    (
        select
            {% for i in range(digits) -%}
                d{{ i }}.digit * {{ 10 ** i }}{% if not loop.last %} + {% endif %}
            {%- endfor %} as n
        from
            {% for i in range(digits) -%}
                (
                    select 0 as digit union all select 1 union all select 2 union all select 3
                    union all select 4 union all select 5 union all select 6 union all select 7
                    union all select 8 union all select 9
                ) as d{{ i }}{% if not loop.last %} cross join{% endif %}
            {% endfor %}
    )
{%- endmacro %}
