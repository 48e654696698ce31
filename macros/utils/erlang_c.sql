{#- Required agents by the Erlang C formula, in portable SQL.

    `relation` has one row per interval: the `keys` columns, `offered_load_erlangs` (A) and
    `average_handle_seconds`. For N = 0, 1, 2 ... the terms A^N / N! are built as exp of a
    running sum of ln(A / N) (no factorials, no overflow below A of about 600), and

        C(N, A) = a_N / (sum_{k<N} A^k / k! + a_N),  a_N = A^N / N! * N / (N - A)
        service level(N) = 1 - C(N, A) * exp(-(N - A) * threshold / AHT)

    The result has, per interval with A > 0, the smallest N > A whose service level reaches
    `target` (null when none does within A + 10 sqrt(A) + 20 agents). `threshold_seconds` and
    `target` are SQL expressions: constants, or columns of `relation`. -#}
{% macro erlang_c_required_agents(relation, keys, threshold_seconds, target) -%}
    {%- set partition = keys | join(', ') -%}
    (
        with

        erlang_loads as (

            select
                {{ partition }},
                offered_load_erlangs as load,
                average_handle_seconds as aht,
                {{ threshold_seconds }} as threshold_seconds,
                {{ target }} as target_level
            from {{ relation }}
            where offered_load_erlangs > 0 and average_handle_seconds > 0

        ),

        erlang_candidates as (

            select loads.*, numbers.n as agents
            from erlang_loads as loads
            cross join {{ numbers(3) }} as numbers
            where numbers.n <= ceil(loads.load + 10 * sqrt(loads.load) + 20)

        ),

        erlang_terms as (

            select
                *,
                sum(case when agents = 0 then 0 else ln(load) - ln(agents) end)
                    over (partition by {{ partition }} order by agents rows unbounded preceding) as ln_term
            from erlang_candidates

        ),

        erlang_sums as (

            select
                *,
                exp(ln_term) as term,
                coalesce(
                    sum(exp(ln_term)) over (
                        partition by {{ partition }} order by agents rows between unbounded preceding and 1 preceding
                    ),
                    0
                ) as terms_below
            from erlang_terms

        ),

        erlang_levels as (

            select
                {{ partition }},
                agents,
                1 - (term * agents / (agents - load)) / (terms_below + term * agents / (agents - load))
                * exp(-(agents - load) * threshold_seconds / aht) as service_level,
                target_level
            from erlang_sums
            where agents > load

        )

        select {{ partition }}, min(agents) as required_agents
        from erlang_levels
        where service_level >= target_level
        group by {{ partition }}
    )
{%- endmacro %}
