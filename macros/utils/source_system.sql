{#- Ids are unique per source system (the loader's key is source system + id). Ids of the
    default source system are kept as they are; ids of any other system are written
    `<system>:<id>`, so two systems can never collide. The loader rejects `:` in ids, so the
    two forms cannot meet. -#}
{% macro scoped_id(column) -%}
    case
        when _source_system = '{{ var("default_source_system") }}' then {{ column }}
        else {{ dbt.concat(["_source_system", "':'", column]) }}
    end
{%- endmacro %}
