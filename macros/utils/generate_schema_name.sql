{#- Folder schemas (staging, core, marts ...) are used as they are, not prefixed with the
    target schema, so BI tools always find the marts in `marts`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
