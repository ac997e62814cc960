def test_campaign_page_renders(client, campaign):
    response = client.get(campaign.url)
    assert response.status_code == 200
    assert "Mugursoma" in response.content.decode()
