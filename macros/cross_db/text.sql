{#- Lower-case words of a text, one row each: used by the lexicon sentiment scorer.
    Call in a select list; it returns a set (one row per word). -#}
{% macro unnest_words(text_column) -%}
    {{ return(adapter.dispatch('unnest_words', 'service_warehouse')(text_column)) }}
{%- endmacro %}

{% macro default__unnest_words(text_column) -%}
    unnest(string_to_array(trim(regexp_replace(lower({{ text_column }}), '[^a-z'']+', ' ', 'g')), ' '))
{%- endmacro %}
