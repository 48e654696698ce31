-- Grain: one row per reporting date (of queue entry), team and channel: contacts offered to
-- the queue and how they ended. Average speed of answer, abandonment rate and service level
-- are stored with their numerators and denominators; short abandons are counted apart and
-- are in no rate.
with

queue as (

    select * from {{ ref('fct_queue_entries') }}

),

aggregated as (

    select
        queued_date as date_day,
        team_id,
        channel,
        count(*) as queue_entry_count,
        sum(case when outcome <> 'waiting' then 1 else 0 end) as offered_contact_count,
        sum(case when outcome in ('answered', 'abandoned') then 1 else 0 end) as offered_excluding_short_abandon_count,
        sum(case when outcome = 'answered' then 1 else 0 end) as answered_contact_count,
        sum(case when is_answered_within_threshold then 1 else 0 end) as answered_within_threshold_count,
        sum(case when outcome = 'abandoned' then 1 else 0 end) as abandoned_contact_count,
        sum(case when outcome = 'short_abandon' then 1 else 0 end) as short_abandon_count,
        sum(case when outcome = 'waiting' then 1 else 0 end) as waiting_at_data_end_count,
        sum(case when outcome = 'answered' then wait_seconds else 0 end) as answer_wait_seconds_sum,
        sum(case when outcome = 'abandoned' then wait_seconds else 0 end) as abandon_wait_seconds_sum,
        count(ivr_seconds) as ivr_contact_count,
        coalesce(sum(ivr_seconds), 0) as ivr_seconds_sum
    from queue
    group by queued_date, team_id, channel

),

final as (

    select
        *,
        {{ ratio('answer_wait_seconds_sum', 'answered_contact_count') }} as average_speed_of_answer_seconds,
        {{ ratio('abandoned_contact_count', 'offered_excluding_short_abandon_count') }} as abandonment_rate,
        {{ ratio('answered_within_threshold_count', 'offered_excluding_short_abandon_count') }} as service_level,
        {{ ratio('abandon_wait_seconds_sum', 'abandoned_contact_count') }} as mean_time_to_abandon_seconds,
        {{ ratio('ivr_seconds_sum', 'ivr_contact_count') }} as average_ivr_seconds
    from aggregated

)

{{ select_contract_columns('final') }}
